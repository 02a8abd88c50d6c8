using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>
/// The OpenAI-compatible server tests run the engine against: Kestrel on 127.0.0.1 (a free port), configured per test
/// (<see cref="ServerConfig"/>): models of known accuracy, latency and answer styles, faults, or a script. Each endpoint
/// is a file of its own (<see cref="ChatCompletionsEndpoint"/>); every request and reply goes to <see cref="Log"/>.
/// </summary>
public sealed class ReferenceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _perModel = new(StringComparer.Ordinal);
    private int _requests;

    private ReferenceServer(WebApplication app, ServerConfig config)
    {
        _app = app;
        Config = config;
    }

    /// <summary>The base URL to configure as a provider's endpoint (ends in <c>/v1</c>).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public ServerConfig Config { get; }

    public ServerLog Log { get; } = new();

    /// <summary>The Batch API's files and batches (<see cref="BatchesEndpoint"/>).</summary>
    public BatchStore Batches { get; } = new();

    /// <summary>The requests received, in the order they arrived.</summary>
    public IReadOnlyList<ServerRequest> Requests => Log.Requests;

    /// <summary>Starts a server that answers every request from <paramref name="script"/>.</summary>
    public static Task<ReferenceServer> StartAsync(Func<ServerRequest, ServerReply> script) => StartAsync(new ServerConfig { Script = script });

    /// <summary>Starts a server of reference models.</summary>
    public static Task<ReferenceServer> StartAsync(params ReferenceModel[] models) =>
        StartAsync(new ServerConfig { Models = [.. models] });

    public static async Task<ReferenceServer> StartAsync(ServerConfig config)
    {
        ReferenceServer? server = null;
        var (_, address) = await LoopbackServer.StartAsync(app =>
        {
            server = new ReferenceServer(app, config);
            ChatCompletionsEndpoint.Map(app, server);
            ModerationsEndpoint.Map(app, server);
            FilesEndpoint.Map(app, server);
            BatchesEndpoint.Map(app, server);
        });
        server!.Endpoint = new Uri(address + "v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Numbers a request: over the whole server, and among the requests for its model.</summary>
    internal (int Number, int ModelNumber) Count(string model) =>
        (Interlocked.Increment(ref _requests) - 1, _perModel.AddOrUpdate(model, 0, (_, n) => n + 1));
}
