"""Starting points that `escape-game new` copies into a teacher's new level folder."""
