/** The Wasm module model: types, instructions and sections, shared by every stage of Flint. */
package flint.wasm.model;
