using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace PatternEngine.Tests.Support;

/// <summary>One OTLP export the receiver got: the signal's path, the content type, the headers and the body.</summary>
public sealed record OtlpExport(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Whether the protobuf body holds <paramref name="text"/> (names and string values are stored as UTF-8).</summary>
    public bool Carries(string text) => Occurrences(text) > 0;

    /// <summary>How many times the body holds <paramref name="text"/>.</summary>
    public int Occurrences(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var rest = Body.AsSpan();
        var count = 0;
        for (var at = rest.IndexOf(needle); at >= 0; at = rest.IndexOf(needle))
        {
            count++;
            rest = rest[(at + needle.Length)..];
        }

        return count;
    }
}

/// <summary>
/// A loopback OTLP/HTTP receiver: Kestrel on 127.0.0.1 (a free port) accepting POST <c>/v1/traces</c>,
/// <c>/v1/metrics</c> and <c>/v1/logs</c>, keeping every export it is sent and answering each with an empty success.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpExport> _exports = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL to give as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<OtlpExport> Exports => [.. _exports];

    /// <summary>The exports to <c>/v1/{signal}</c>.</summary>
    public IReadOnlyList<OtlpExport> Of(string signal) => [.. _exports.Where(e => e.Path == "/v1/" + signal)];

    public static async Task<OtlpReceiver> StartAsync()
    {
        OtlpReceiver? receiver = null;
        var (_, address) = await LoopbackServer.StartAsync(app =>
        {
            receiver = new OtlpReceiver(app);
            app.MapPost("/v1/{signal}", receiver.ReceiveAsync);
        });
        receiver!.Endpoint = address;
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        _exports.Enqueue(new OtlpExport(context.Request.Path, context.Request.ContentType, headers, body.ToArray()));
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
