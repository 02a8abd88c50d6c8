namespace PatternEngine.Selection;

/// <summary>How plan B does against plan A on one target, at 95% confidence.</summary>
public enum ComparisonVerdict
{
    /// <summary>The interval of the difference lies wholly on the good side.</summary>
    Better,

    /// <summary>The interval of the difference lies wholly on the bad side.</summary>
    Worse,

    /// <summary>The interval holds zero: no difference can be told at 95%.</summary>
    NotDistinguishable,

    /// <summary>A figure is missing (nothing scored, nothing timed), so nothing can be said.</summary>
    NotMeasured,
}
