"""The designer's screens: the main designer screen and its dialogs."""
