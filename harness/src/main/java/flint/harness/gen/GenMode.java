package flint.harness.gen;

/** What {@code flint gen} makes from one seed. */
public enum GenMode {
    /** One module. */
    MODULE,
    /** Two or three linked modules. */
    LINKED,
    /** One exported function per instruction. */
    SINGLE_INSTRUCTION;

    /** The program this mode makes from {@code seed}; a single module is a program of one, named {@code m0}. */
    public GeneratedProgram generate(long seed, GenConfig config) {
        var entropy = new SeededEntropy(seed);
        return switch (this) {
            case MODULE -> single(new ModuleGenerator(entropy, config).generate());
            case LINKED -> new ModuleGenerator(entropy, config).generateProgram(entropy.between(2, 3));
            case SINGLE_INSTRUCTION -> single(new SingleInstructionGenerator(entropy, config).generate());
        };
    }

    private static GeneratedProgram single(GeneratedModule m) {
        return new GeneratedProgram(java.util.List.of(new GeneratedProgram.Named("m0", m)));
    }
}
