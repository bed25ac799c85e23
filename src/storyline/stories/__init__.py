"""Stories: threads, timelines, summaries and briefings."""
