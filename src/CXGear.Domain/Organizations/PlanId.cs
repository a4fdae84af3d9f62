namespace CXGear.Domain.Organizations;

public enum PlanId
{
    Trial = 0,
    Pro = 1,
    Advanced = 2,
    Enterprise = 3,
}
