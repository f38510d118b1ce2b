"""The portal's top layer: the home page and site search. It may use every app below it."""
