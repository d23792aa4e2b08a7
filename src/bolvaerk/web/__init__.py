"""The web application (Django): thin views over bolvaerk.services."""
