"""The Textual designer (`alur design`); the only package that imports textual."""
