"""The citation graph: documents (plans of the base, documents known only by citation, ambiguous
citations), the links between them, and where each plan sits in the administrative hierarchy,
as issued and today. Data flows one way: plans → identities → resolution → graph."""

from .graph import Coverage, Graph, build_graph, load_graph, plan_info
from .model import Edge, Node
from .places import Area, Place, place, place_id

__all__ = ["Area", "Coverage", "Edge", "Graph", "Node", "Place", "build_graph", "load_graph", "place", "place_id",
           "plan_info"]
