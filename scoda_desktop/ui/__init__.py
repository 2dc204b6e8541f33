"""The Qt window: thin views over the core services."""
