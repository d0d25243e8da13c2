"""Headless play: run action scripts, save and resume games, replay sessions exactly."""
