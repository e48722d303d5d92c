"""防返贫数据质量审计器：audits exports of the national poverty-relapse monitoring system."""

__version__ = "0.1.0"
