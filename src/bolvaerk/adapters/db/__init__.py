"""Storage: the Django app holding organisations, facilities, assessments (as versioned
documents in the assessment-file shape), review comments and the audit log."""
