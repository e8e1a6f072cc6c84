"""Pilot tests of the study app: keys pressed, the screen read back."""
