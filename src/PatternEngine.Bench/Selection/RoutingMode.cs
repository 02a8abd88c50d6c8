namespace PatternEngine.Selection;

/// <summary>A preset of service-level targets, and which figure breaks a tie in cost.</summary>
public enum RoutingMode
{
    /// <summary>Favours latency and cost: tight latency and cost targets, no accuracy target; ties go to the faster model.</summary>
    Fast,

    /// <summary>A balance: a moderate accuracy target and loose latency and cost targets; ties go to the faster model.</summary>
    Standard,

    /// <summary>Favours accuracy: a high accuracy target and generous latency and cost; ties go to the more accurate model.</summary>
    Thorough,
}
