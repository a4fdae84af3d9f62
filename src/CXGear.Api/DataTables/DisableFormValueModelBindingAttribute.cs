using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CXGear.Api.DataTables;

/// <summary>
/// Keeps MVC from reading a multipart body into the form collection before the action runs (model binding does
/// that eagerly for any form content type), which would spool the whole file and leave the stream empty for
/// <see cref="CsvUpload"/>. ASP.NET Core's documented pattern for streaming uploads.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DisableFormValueModelBindingAttribute : Attribute, IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var factories = context.ValueProviderFactories;
        factories.RemoveType<FormValueProviderFactory>();
        factories.RemoveType<FormFileValueProviderFactory>();
        factories.RemoveType<JQueryFormValueProviderFactory>();
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
