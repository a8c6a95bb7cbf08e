"""gongkai: a platform on which a city government publishes its policy documents (政务公开平台)."""

__version__ = "0.1.0"
