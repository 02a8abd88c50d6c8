namespace PatternEngine.Templates;

/// <summary>
/// The token a Scriban evaluation runs with: it ends after <see cref="InputLimits.EvaluationTimeout"/>, or at once when
/// the caller cancels. Scriban checks it before every statement, so a template that loops or recurses without end
/// stops there. One instance serves one evaluation at a time and is reused for the next (its timer is reset, not
/// made again).
/// </summary>
internal sealed class EvaluationDeadline : IDisposable
{
    private CancellationTokenSource _source = new();
    private CancellationTokenRegistration _caller;

    /// <summary>Starts the clock of one evaluation; the returned token ends it.</summary>
    public CancellationToken Start(CancellationToken caller)
    {
        if (!_source.TryReset())
        {
            _source.Dispose();
            _source = new CancellationTokenSource();
        }

        _source.CancelAfter(InputLimits.EvaluationTimeout);
        _caller = caller.CanBeCanceled ? caller.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _source) : default;
        return _source.Token;
    }

    /// <summary>Ends the evaluation's link to its caller.</summary>
    public void Stop()
    {
        _caller.Dispose();
        _caller = default;
    }

    /// <summary>Stops the clock for good.</summary>
    public void Dispose()
    {
        Stop();
        _source.Dispose();
    }
}
