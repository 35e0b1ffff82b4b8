"""Treaty Assistant: answers about international criminal-law treaties, with verified citations."""
