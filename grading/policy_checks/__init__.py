"""The checks behind the policy grader, each on the shared Reading of a reply."""
