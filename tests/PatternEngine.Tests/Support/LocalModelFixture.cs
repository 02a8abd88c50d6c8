using System.Diagnostics.CodeAnalysis;
using PatternEngine.Cli.Defaults;
using PatternEngine.Models.Local;

namespace PatternEngine.Tests.Support;

/// <summary>The real local model, loaded once per test run and shared by its collection.</summary>
public sealed class LocalModelFixture : IDisposable
{
    /// <summary>Loads the model that the tool finds by default (<see cref="DefaultModelFile.Resolve(string?)"/>): the test project resolves it as the CLI does.</summary>
    public LocalModelFixture()
    {
        Model = GgufModel.Load(DefaultModelFile.Resolve());
    }

    /// <summary>The loaded model.</summary>
    public GgufModel Model { get; }

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}

/// <summary>Tests that share the one loaded <see cref="LocalModelFixture"/>.</summary>
[CollectionDefinition(Name)]
[SuppressMessage("Naming", "CA1711", Justification = "xunit names collection definitions this way.")]
public sealed class LocalModelCollection : ICollectionFixture<LocalModelFixture>
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "local model";
}
