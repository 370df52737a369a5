namespace ApexAgent.Domain.Catalog;

/// <summary>The queue priority that a tier's agent tasks get.</summary>
public enum TaskPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
    Highest = 3,
}
