"""Dating and ordering undated articles: bounds, cross-article links, a simple temporal network."""
