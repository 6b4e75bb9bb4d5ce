/** Tables' native storage: element arrays behind the definitions that vmctx entries point to. */
package flint.runtime.table;
