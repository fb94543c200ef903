"""Language: text normalisation, tokens and phrase patterns, sentences, word segmentation,
dates, quantities and language identification. Nothing here knows the domain's entities."""
