using System.Reflection;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CXGear.ArchitectureTests;

/// <summary>Finds controller actions that bind a command or query straight from the request instead of a request record.</summary>
internal static class ControllerActions
{
    /// <summary>The public methods MVC would route to: declared on a controller (or a base of ours), not marked <c>[NonAction]</c>.</summary>
    public static IEnumerable<MethodInfo> Of(Type controller) =>
        controller.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName
                && m.DeclaringType is { } declaring
                && typeof(ControllerBase).IsAssignableFrom(declaring)
                && declaring != typeof(ControllerBase) && declaring != typeof(Controller)
                && !m.IsDefined(typeof(NonActionAttribute), inherit: true));

    public static IEnumerable<string> MessageParameters(Type controller) =>
        from action in Of(controller)
        from parameter in action.GetParameters()
        where IsMessage(parameter.ParameterType)
        select $"{controller.Name}.{action.Name}({parameter.ParameterType.Name} {parameter.Name})";

    private static bool IsMessage(Type type)
    {
        if (type.HasElementType)
        {
            return IsMessage(type.GetElementType()!);
        }

        return typeof(IMessage).IsAssignableFrom(type) || (type.IsGenericType && type.GetGenericArguments().Any(IsMessage));
    }
}
