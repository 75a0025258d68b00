-- Stories live in the story index (0002), kept up to date as documents are placed; the older table of each document's
-- story was rewritten whole at every relinking and read by nothing since.
DROP TABLE stories;
