"""The web app's templates and static files, served by the API."""
