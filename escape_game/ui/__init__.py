"""The pygame front end: the only package that imports pygame.

It turns input into core actions, sends ``AdvanceTime`` each frame, and draws the state.
"""
