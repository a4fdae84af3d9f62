namespace CXGear.Api.OpenApi;

/// <summary>A request body and success response to show as the operation's examples (the integration routes).</summary>
public interface IOperationExamples
{
    /// <summary>The request body, or null when the operation takes none.</summary>
    object? Request { get; }

    /// <summary>The body of the operation's success response.</summary>
    object Response { get; }
}

/// <summary>Shows <typeparamref name="T"/>'s request and response as the operation's examples.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OperationExamplesAttribute<T> : Attribute, IOperationExamplesSource
    where T : IOperationExamples, new()
{
    public IOperationExamples Create() => new T();
}

/// <summary>The non-generic face of <see cref="OperationExamplesAttribute{T}"/>, for the processor to find it.</summary>
public interface IOperationExamplesSource
{
    IOperationExamples Create();
}
