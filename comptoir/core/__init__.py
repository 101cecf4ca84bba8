"""The core of the kit: settings, the problem report, languages, the build."""
