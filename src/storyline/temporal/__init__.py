"""Time expressions: rules as data, TIMEX3 values resolved against the article date."""
