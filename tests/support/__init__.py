"""Test helpers shared by the test packages (real servers, no mocks)."""
