namespace PatternEngine.Conversations;

/// <summary>What a memory write stored: rows and their UTF-8 bytes.</summary>
/// <param name="Rows">Facts stored.</param>
/// <param name="Bytes">Their size in UTF-8 bytes.</param>
public sealed record MemoryWrite(int Rows, long Bytes);
