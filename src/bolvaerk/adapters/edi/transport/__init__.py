"""Ways to hand a secured file to a partner: a folder drop, SFTP, HTTPS."""
