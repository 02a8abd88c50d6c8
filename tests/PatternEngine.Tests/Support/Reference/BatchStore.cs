using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace PatternEngine.Tests.Support.Reference;

/// <summary>The files and batches the reference server's Batch API holds, and the batch-API requests it received.</summary>
public sealed class BatchStore
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredBatch> _batches = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _calls = new();
    private int _nextFile;
    private int _nextBatch;

    /// <summary>Every batch-API request as <c>METHOD path</c>, in the order they arrived.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    /// <summary>The batches created, by number.</summary>
    public IReadOnlyList<StoredBatch> Batches => [.. _batches.Values.OrderBy(b => b.Number)];

    /// <summary>The Authorization headers the batch API received (what a key leak test looks for).</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    internal void Called(string method, string path, string? authorization)
    {
        _calls.Enqueue(method + " " + path);
        Authorizations.Enqueue(authorization);
    }

    internal StoredFile AddFile(string name, string purpose, byte[] content)
    {
        var file = new StoredFile($"file-{Interlocked.Increment(ref _nextFile)}", name, purpose, content);
        _files[file.Id] = file;
        return file;
    }

    internal StoredFile? File(string id) => _files.GetValueOrDefault(id);

    internal StoredBatch AddBatch(string inputFileId, string endpoint, string window)
    {
        var number = Interlocked.Increment(ref _nextBatch) - 1;
        var batch = new StoredBatch(number, $"batch_{number}", inputFileId, endpoint, window);
        _batches[batch.Id] = batch;
        return batch;
    }

    internal StoredBatch? Batch(string id) => _batches.GetValueOrDefault(id);

    /// <summary>A file uploaded to, or written by, the server.</summary>
    public sealed record StoredFile(string Id, string Name, string Purpose, byte[] Content);

    /// <summary>A batch and how far it got; its state moves on one step per status request.</summary>
    public sealed class StoredBatch(int number, string id, string inputFileId, string endpoint, string window)
    {
        public int Number { get; } = number;

        public string Id { get; } = id;

        public string InputFileId { get; } = inputFileId;

        public string Endpoint { get; } = endpoint;

        public string CompletionWindow { get; } = window;

        public string Status { get; internal set; } = "validating";

        public int Total { get; internal set; }

        public int Completed { get; internal set; }

        public int Failed { get; internal set; }

        public string? OutputFileId { get; internal set; }

        public string? ErrorFileId { get; internal set; }

        public JsonArray? Errors { get; internal set; }

        /// <summary>Status requests seen, so that the batch moves on one step per request.</summary>
        internal int Polls { get; set; }
    }
}
