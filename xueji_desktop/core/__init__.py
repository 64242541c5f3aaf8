"""The domain: rules, workflows, forms. Never imports Qt."""
