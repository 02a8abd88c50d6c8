using System.Text.Json;
using System.Text.Json.Nodes;
using PatternEngine.Models.Resilience;

namespace PatternEngine.Models.OpenAI;

/// <summary>
/// The HTTP handler under a provider's OpenAI client in batch mode: each chat-completions request the SDK sends joins
/// the open wave of its model (OpenAI takes one model per batch) instead of going out, and gets back, as its HTTP
/// answer, the status and body of its own line of the batch's output. So the SDK reads a batched answer exactly as a
/// live one (usage, tool calls, finish reason; a failed line's HTTP error becomes the usual classified fault). A wave
/// closes when it holds <see cref="OpenAIBatchOptions.MaxWaveSize"/> calls or none joined it for
/// <see cref="OpenAIBatchOptions.QuietInterval"/>; <see cref="BatchWave"/> then sends it. Any other request passes through.
/// </summary>
internal sealed class BatchingHandler : HttpMessageHandler
{
    private readonly BatchApi _api;
    private readonly OpenAIBatchOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpMessageInvoker _http;
    private readonly string _provider;
    private readonly Dictionary<string, BatchWave> _open = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private long _calls;

    /// <param name="http">Sends the batch API's requests and the requests this handler passes through (its owner disposes it).</param>
    /// <param name="endpoint">The provider's base URL (ends in <c>/v1</c>).</param>
    /// <param name="provider">The provider's name, for messages.</param>
    /// <param name="options">Wave size, quiet interval, polling and time-out.</param>
    /// <param name="time">The clock the quiet interval, the polling and the time-out run on.</param>
    public BatchingHandler(HttpMessageInvoker http, Uri endpoint, string provider, OpenAIBatchOptions options, TimeProvider time)
    {
        options.Validate();
        _http = http;
        _provider = provider;
        _options = options;
        _time = time;
        _api = new BatchApi(http, endpoint, provider);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true || request.Content is null)
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var body = await ReadBodyAsync(request.Content, cancellationToken).ConfigureAwait(false);
        if (body["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var streamed) && streamed)
        {
            throw new ProviderCallException(ProviderFailure.Rejected, $"'{_provider}' is called through the Batch API, which cannot stream an answer; run without streaming");
        }

        var model = body["model"]?.GetValue<string>() ?? "";
        var call = new BatchWave.Call($"call-{Interlocked.Increment(ref _calls)}", body, request);
        BatchWave? full = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (!_open.TryGetValue(model, out var wave))
            {
                wave = new BatchWave(_api, _options, _time, _provider, Closed, _disposed.Token);
                _open[model] = wave;
            }

            if (wave.Add(call, new BatchApi.Credentials(request.Headers.Authorization, Organization(request))) >= _options.MaxWaveSize)
            {
                _open.Remove(model);
                full = wave;
            }
        }

        full?.Send();

        // A caller that gives up stops waiting; its line stays in the batch (the API cannot take one line back).
        return await call.Answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            List<BatchWave> waves;
            lock (_gate)
            {
                _disposed.Cancel();
                waves = [.. _open.Values];
                _open.Clear();
            }

            foreach (var wave in waves)
            {
                wave.Abandon();
            }

            _disposed.Dispose();
        }

        base.Dispose(disposing);
    }

    // The quiet interval ran out: the wave leaves the open ones (if a full one has not already) and is sent.
    private void Closed(BatchWave wave)
    {
        lock (_gate)
        {
            foreach (var (model, open) in _open)
            {
                if (ReferenceEquals(open, wave))
                {
                    _open.Remove(model);
                    break;
                }
            }
        }

        wave.Send();
    }

    private static string? Organization(HttpRequestMessage request) =>
        request.Headers.TryGetValues("OpenAI-Organization", out var values) ? values.FirstOrDefault() : null;

    private async Task<JsonObject> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = InputLimits.MaxJsonDepth }) as JsonObject
                ?? throw new JsonException("not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ProviderCallException(ProviderFailure.Rejected, $"a call to '{_provider}' could not be put in a batch: its body is not JSON ({e.Message.Split('\n', 2)[0]})");
        }
    }
}
