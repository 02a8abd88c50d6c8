namespace PatternEngine.Models.Catalog;

/// <summary>
/// The catalog calls are costed and models selected with: the built-in one, with the user's own catalog over it (a
/// file named by the caller, else <c>catalog.yaml</c> in the <see cref="UserFolder"/> when it exists). The user's
/// entries replace built-in ones of the same id and add the rest: the models of a local server or a deployment.
/// </summary>
public static class UserCatalog
{
    /// <summary>The per-user catalog's file name.</summary>
    public const string FileName = "catalog.yaml";

    /// <summary>The per-user catalog read when no file is named: <c>catalog.yaml</c> in the <see cref="UserFolder"/>.</summary>
    public static string DefaultPath => Path.Combine(UserFolder.Path, FileName);

    /// <summary>The built-in catalog with <paramref name="file"/> (else the per-user catalog, when there is one) over it.</summary>
    /// <exception cref="CatalogFileException">A catalog file is missing (when named) or invalid: every problem with its location.</exception>
    public static ModelCatalog Load(string? file = null) => Load(file, DefaultPath);

    internal static ModelCatalog Load(string? file, string defaultPath)
    {
        var builtIn = ModelCatalog.BuiltIn;
        var user = file ?? (File.Exists(defaultPath) ? defaultPath : null);
        return user is null ? builtIn : builtIn.With(ModelCatalog.Load(user));
    }
}
