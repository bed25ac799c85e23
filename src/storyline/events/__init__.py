"""Events: typed triggers, arguments, cross-article coreference, positions."""
