namespace PatternEngine;

/// <summary>What was given to a <see cref="PatternEngineBuilder"/> does not make an engine; <see cref="Problems"/> lists every reason.</summary>
public sealed class EngineConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EngineConfigurationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EngineConfigurationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public EngineConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates the exception from every problem found.</summary>
    public EngineConfigurationException(IReadOnlyList<string> problems)
        : base(problems.Count == 0 ? "the engine cannot be built" : "the engine cannot be built: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    internal static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new EngineConfigurationException(problems.Distinct(StringComparer.Ordinal).ToList());
        }
    }
}
