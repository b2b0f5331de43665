"""lbpreports: plain-language lumbar spine imaging reports, reviewed by a GP."""
