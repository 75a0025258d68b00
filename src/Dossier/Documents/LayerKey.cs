namespace Dossier.Documents;

/// <summary>Names one typed annotation layer. Keys compare by reference, so each layer has exactly one key.</summary>
public abstract class LayerKey
{
    private protected LayerKey(string name) => Name = name;

    public string Name { get; }
    public abstract Type ValueType { get; }

    public override string ToString() => Name;
}

public sealed class LayerKey<T> : LayerKey where T : notnull
{
    public LayerKey(string name) : base(name) { }

    public override Type ValueType => typeof(T);
}
