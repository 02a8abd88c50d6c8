namespace PatternEngine.Execution;

/// <summary>
/// Sums of recorded figures (tokens, cost) that stop at the largest value instead of wrapping around or throwing: a
/// provider or a cassette that claims absurd figures gives an absurd total, never a negative one or a failed run.
/// </summary>
internal static class Saturating
{
    public static long Add(long total, long value)
    {
        var sum = unchecked(total + value);

        // Overflow happened when both operands have the same sign and the sum's sign differs.
        return ((total ^ sum) & (value ^ sum)) < 0 ? (total < 0 ? long.MinValue : long.MaxValue) : sum;
    }

    public static decimal Add(decimal total, decimal value)
    {
        try
        {
            return total + value;
        }
        catch (OverflowException)
        {
            return total < 0 ? decimal.MinValue : decimal.MaxValue;
        }
    }
}
