using P = CXGear.Domain.Authorization.Permissions;

namespace CXGear.Domain.Authorization;

/// <summary>
/// The three system roles. Their ids are fixed so that migrations can seed them and every
/// environment agrees. The Agent and Supervisor sets follow the role descriptions of
/// the product (docs/api.md#permissions lists them; docs/decisions/0003-roles.md says why).
/// </summary>
public static class SystemRoles
{
    public static readonly Guid AdminId = new("0199a000-0000-7000-8000-000000000001");
    public static readonly Guid AgentId = new("0199a000-0000-7000-8000-000000000002");
    public static readonly Guid SupervisorId = new("0199a000-0000-7000-8000-000000000003");

    private static readonly string[] AgentPermissions =
    [
        P.ProjectsRead, P.DiallerAgent, P.ConversationsAgent, P.AnalyticsRead,
    ];

    private static readonly string[] SupervisorPermissions =
    [
        .. AgentPermissions, P.DiallerAccess, P.ConversationsSupervise, P.SpinnersRead, P.PcaQa, P.PcaTags,
    ];

    public static IReadOnlyList<Role> All { get; } =
    [
        new Role(AdminId, null, "Admin", isSystem: true, [P.All]),
        new Role(AgentId, null, "Agent", isSystem: true, AgentPermissions),
        new Role(SupervisorId, null, "Supervisor", isSystem: true, SupervisorPermissions),
    ];
}
