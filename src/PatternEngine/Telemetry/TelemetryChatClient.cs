using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PatternEngine.Telemetry;

/// <summary>
/// Just outside the measurement: gives each model call (each attempt, each tool round) a span following the
/// OpenTelemetry GenAI conventions, and reports its metrics and log events from the record the measurement makes
/// (<see cref="CallObservation"/>). When nobody listens it passes the call straight on, and it never fails one.
/// </summary>
internal sealed class TelemetryChatClient(IChatClient inner, EngineTelemetry telemetry) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        telemetry.ObservesCalls ? ObserveAsync(messages, options, cancellationToken) : base.GetResponseAsync(messages, options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        telemetry.ObservesCalls ? ObserveStreamAsync(messages, options, cancellationToken) : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async Task<ChatResponse> ObserveAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        using var call = CallObservation.TryBegin(telemetry, options, streaming: false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            call?.Failed(e);
            throw;
        }
    }

    private async IAsyncEnumerable<ChatResponseUpdate> ObserveStreamAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = CallObservation.TryBegin(telemetry, options, streaming: true);
        IAsyncEnumerator<ChatResponseUpdate> stream;
        try
        {
            stream = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception e)
        {
            call?.Failed(e);
            throw;
        }

        await using var _ = stream.ConfigureAwait(false);
        while (true)
        {
            // By hand rather than await foreach, so that a failure mid-stream is reported too (no yield inside a catch).
            try
            {
                if (!await stream.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception e)
            {
                call?.Failed(e);
                throw;
            }

            yield return stream.Current;
            call?.Resume();
        }
    }
}
