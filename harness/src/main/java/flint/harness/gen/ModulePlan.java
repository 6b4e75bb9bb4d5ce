package flint.harness.gen;

import flint.wasm.model.FuncType;
import flint.wasm.model.GlobalType;
import flint.wasm.model.RefType;
import flint.wasm.model.TableType;
import java.util.List;

/**
 * The module-level facts a function body may refer to, decided before any body is generated:
 * index spaces with their types, the initial memory size, segment shapes, and which function sits
 * in each initial table slot (so most indirect calls hit a function of the right type).
 *
 * @param functionTypes  the type of every function, imports first
 * @param globals        every global's type, imports first
 * @param fuelGlobal     the index of the fuel global
 * @param tables         every table's type
 * @param tableSlots     per table, the function index in each initial slot (-1 for null), or an
 *                       empty array for non-function tables
 * @param memoryBytes    the initial memory size in bytes, or -1 without a memory
 * @param dataLengths    the length of each data segment
 * @param elements       each element segment's type and length
 * @param blockTypes     function types usable as multi-value block types and indirect call types
 */
public record ModulePlan(
        List<FuncType> functionTypes,
        List<GlobalType> globals,
        int fuelGlobal,
        List<TableType> tables,
        List<int[]> tableSlots,
        long memoryBytes,
        List<Integer> dataLengths,
        List<Segment> elements,
        List<FuncType> blockTypes) {

    public record Segment(RefType type, int length) {}

    public boolean hasMemory() {
        return memoryBytes >= 0;
    }
}
