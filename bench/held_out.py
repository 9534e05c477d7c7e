"""The dev-set cluster kept unread as a fresh check: the bench scripts that read clusters leave it out."""

HELD_OUT = "amd_seamicro_2012"
