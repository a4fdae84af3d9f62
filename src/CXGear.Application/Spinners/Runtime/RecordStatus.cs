namespace CXGear.Application.Spinners.Runtime;

public enum RecordStatus
{
    Completed,
    Failed,
}
