using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using PatternEngine.Compilation;
using PatternEngine.Definitions;
using PatternEngine.Library;
using PatternEngine.Models.Catalog;
using PatternEngine.Models.Recording;
using PatternEngine.Models.Routing;
using PatternEngine.Telemetry;

namespace PatternEngine;

/// <summary>
/// The engine a <see cref="PatternEngineBuilder"/> built: the pipeline every model call goes through, its routes, the
/// catalog calls are costed at, the tools. Immutable; compile patterns with it (<see cref="Compile"/>) and run them
/// as often as you like, concurrently too. Disposing it disposes what the builder opened or created for it (a
/// cassette file, a loaded model, a providers file's clients), never the clients you gave it.
/// </summary>
public sealed class PatternRuntime : IDisposable, IAsyncDisposable
{
    private readonly PatternCompiler _compiler;
    private readonly List<IDisposable> _owned;
    private int _disposed;

    internal PatternRuntime(
        IChatClient pipeline, ModelRouter router, ModelCatalog catalog, PatternLibrary? library, IReadOnlyList<KernelPlugin> plugins, TimeProvider time, Cassette? cassette, EngineTelemetry telemetry, List<IDisposable> owned, Guards.IModerationClient? moderation = null)
    {
        ChatClient = pipeline;
        Router = router;
        Catalog = catalog;
        Library = library;
        TimeProvider = time;
        _owned = owned;
        _compiler = new PatternCompiler(pipeline, router, plugins, time, library, cassette, telemetry, moderation);
    }

    /// <summary>The pipeline every model call goes through (function invocation outermost, the router innermost).</summary>
    public IChatClient ChatClient { get; }

    /// <summary>The routes: logical model names to the clients that serve them.</summary>
    public ModelRouter Router { get; }

    /// <summary>The prices calls are costed at.</summary>
    public ModelCatalog Catalog { get; }

    /// <summary>Where patterns named by name are found; null when none was given.</summary>
    public PatternLibrary? Library { get; }

    /// <summary>The clock latencies are measured with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Checks a definition and compiles it, with every pattern it includes (each once per set of model overrides,
    /// however many stages run it). Included patterns a definition built in code has not resolved are found in
    /// <see cref="Library"/>.
    /// </summary>
    /// <exception cref="PatternFileException">The definition is invalid or names a tool no plugin provides.</exception>
    public CompiledPattern Compile(PatternDefinition definition)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _compiler.Compile(definition);
    }

    /// <summary>Loads a pattern file and the patterns it includes, finding built-in names in <see cref="Library"/>.</summary>
    /// <exception cref="PatternFileException">The file is invalid, or includes one that is.</exception>
    public PatternDefinition Load(string path) => PatternFile.Load(path, new PatternLoadOptions { Library = Library });

    /// <summary>Disposes what the builder opened or created for the engine, last first; a cassette writes its last lines first.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ChatClient.Dispose();
            DisposeAll(_owned);
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            ChatClient.Dispose();
            for (var i = _owned.Count - 1; i >= 0; i--)
            {
                if (_owned[i] is IAsyncDisposable asynchronous)
                {
                    await asynchronous.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    _owned[i].Dispose();
                }
            }
        }
    }

    /// <summary>Disposes <paramref name="owned"/>, last first, every one even when one throws; the first failure is thrown after.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "Every resource is disposed; the first failure is rethrown once all are.")]
    internal static void DisposeAll(List<IDisposable> owned)
    {
        Exception? first = null;
        for (var i = owned.Count - 1; i >= 0; i--)
        {
            try
            {
                owned[i].Dispose();
            }
            catch (Exception e)
            {
                first ??= e;
            }
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }
}
