from .model import load_model, model_name

__all__ = ["load_model", "model_name"]
