using LLama.Native;

namespace PatternEngine.Models.Local;

/// <summary>
/// One call waiting for, or taking part in, a batch: what to decode and where its result goes. The
/// caller's task completes exactly once, from whichever of the scheduler, the batch or the caller's
/// cancellation gets there first.
/// </summary>
internal sealed class GgufRequest : IDisposable
{
    // Continuations run on the thread pool, never inline on the decoding thread, so that a caller's
    // work does not hold up the other sequences of its batch.
    private readonly TaskCompletionSource<GgufGenerationResult> completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly CancellationTokenRegistration registration;

    /// <summary>Creates the request; a cancellation of <paramref name="cancellationToken"/> completes it at once.</summary>
    /// <param name="prompt">The prompt's tokens, BOS included, as fed.</param>
    /// <param name="settings">Limits and sampling.</param>
    /// <param name="onText">Receives the text as it becomes final; may be null.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public GgufRequest(
        LLamaToken[] prompt,
        GgufGenerationSettings settings,
        Action<string>? onText,
        CancellationToken cancellationToken)
    {
        Prompt = prompt;
        Settings = settings;
        OnText = onText;
        registration = cancellationToken.Register(
            static (state, token) => ((GgufRequest)state!).completion.TrySetCanceled(token), this);
    }

    /// <summary>The prompt's tokens, BOS included, as fed.</summary>
    public LLamaToken[] Prompt { get; }

    /// <summary>Limits and sampling.</summary>
    public GgufGenerationSettings Settings { get; }

    /// <summary>Receives the text as it becomes final; may be null.</summary>
    public Action<string>? OnText { get; }

    /// <summary>The caller's view of the request.</summary>
    public Task<GgufGenerationResult> Completion => completion.Task;

    /// <summary>Whether the request has its outcome (a result, a failure or a cancellation).</summary>
    public bool IsDone => completion.Task.IsCompleted;

    /// <summary>Completes the request with its result, unless it already has an outcome.</summary>
    /// <param name="result">The generation's result.</param>
    public void Succeed(GgufGenerationResult result) => completion.TrySetResult(result);

    /// <summary>Fails the request, unless it already has an outcome.</summary>
    /// <param name="exception">What went wrong.</param>
    public void Fail(Exception exception) => completion.TrySetException(exception);

    /// <summary>Stops listening for the caller's cancellation.</summary>
    public void Dispose() => registration.Dispose();
}
